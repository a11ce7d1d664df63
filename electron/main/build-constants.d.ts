/** Base64 SPKI DER of the Ed25519 key update metadata is signed with; '' when built without UPDATE_PUBLIC_KEY. */
declare const UPDATE_PUBLIC_KEY: string
