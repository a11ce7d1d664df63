import { subscribeChannel, type ChannelSubscription, type SharedRedis } from '../shared-redis.ts'
import type { PhoneHub } from './phone-hub.ts'

/** "Notice `noticeId` arrived (or is reminded)" for the phones of `personIds`. */
export interface NoticeAlert {
  schoolId: string
  personIds: string[]
  noticeId: string
}

/**
 * Carries notice alerts from the instance that delivered a notice to the phone streams of every instance.
 * Without Redis they go straight to this process's phones.
 */
export interface NoticeAlerts {
  send(alert: NoticeAlert): void
  close(): void
}

export const localNoticeAlerts = (phones: PhoneHub): NoticeAlerts => ({
  send: ({ schoolId, personIds, noticeId }) => phones.notify(schoolId, personIds, noticeId),
  close: () => {},
})

function parseAlert(text: string): NoticeAlert | undefined {
  try {
    const alert = JSON.parse(text) as Partial<NoticeAlert>
    const valid =
      typeof alert.schoolId === 'string' &&
      typeof alert.noticeId === 'string' &&
      Array.isArray(alert.personIds) &&
      alert.personIds.every((id) => typeof id === 'string')
    return valid ? (alert as NoticeAlert) : undefined
  } catch {
    return undefined
  }
}

/**
 * Several instances (issue 16): alerts are published on `<prefix>notice-alerts` and every instance hands them
 * to its own phones. One published while an instance's subscriber is reconnecting is lost there: that phone
 * sees the notice at its next reload (the inbox is read from the store).
 */
export class RedisNoticeAlerts implements NoticeAlerts {
  readonly #redis: SharedRedis
  readonly #subscription: ChannelSubscription

  private constructor(redis: SharedRedis, subscription: ChannelSubscription) {
    this.#redis = redis
    this.#subscription = subscription
  }

  static async open(redis: SharedRedis, phones: PhoneHub): Promise<RedisNoticeAlerts> {
    const toPhones = localNoticeAlerts(phones)
    const subscription = await subscribeChannel(redis, 'notice-alerts', (text) => {
      const alert = parseAlert(text)
      if (alert) toPhones.send(alert)
    })
    return new RedisNoticeAlerts(redis, subscription)
  }

  send(alert: NoticeAlert): void {
    if (alert.personIds.length === 0) return
    void this.#redis.client.publish(this.#subscription.channel, JSON.stringify(alert)).catch(() => {
      // Redis is down: the phones see the notice at their next reload.
    })
  }

  close(): void {
    this.#subscription.close()
  }
}
