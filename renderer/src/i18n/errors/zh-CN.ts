/**
 * The renderer's own words for the error codes the counter shows (B21). In Chinese the core's sentence is
 * usually the better one (it names the item, the amount, the box count), so only codes whose core text is
 * a developer's are worded here; English has words for every code (errors/en.ts).
 */
export const zhErrorWords = {
  INVALID_INPUT: '输入的内容不正确：{issues}',
  UNEXPECTED: '出现意外错误，请重试；仍不行请联系技术支持并告知错误代码',
  PLATFORM_BAD_ANSWER: '医保平台的回复无法识别，本次没有扣款。请稍后重试，仍不行请联系技术支持',
  PLATFORM_MALFORMED: '医保平台的回复格式不对，本次没有扣款。请稍后重试，仍不行请联系技术支持',
} as const
