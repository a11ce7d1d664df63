/**
 * The `error` of the server's 403 to a session whose account is still on an initial or reset password: the
 * desktop and `/m/` answer it with their change-password screen.
 */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required'
