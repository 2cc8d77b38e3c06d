let serial = 0
const fresh = (prefix: string) => `${prefix}${String(Date.now() % 1e10).padStart(10, '0')}${String(++serial % 1e6).padStart(6, '0')}`

/** A fresh customer payment code each time (a real one pays once): WeChat Pay's 18 digits from 13. */
export const wechatCode = (): string => fresh('13')
/** Alipay's, 18 digits from 28. */
export const alipayCode = (): string => fresh('28')
