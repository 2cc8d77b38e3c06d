import type { ErrorWords } from '../../../../shared/contract/error-registry'
import { zhErrorSentences } from '../../../../shared/contract/error-words-zh'

/**
 * The Chinese words of every error code. They are the shared sentences the core also logs (they name the
 * item, the amount, the box count), except where the cashier needs plainer words than the log does.
 */
export const zhErrorWords: ErrorWords = {
  ...zhErrorSentences,
  INVALID_INPUT: (p) => `输入的内容不正确：${p.fields || (p.why === 'amountNotPositive' ? '金额应大于 0' : '请检查表单')}`,
  PLATFORM_BAD_ANSWER: '医保平台的回复无法识别，本次没有扣款。请稍后重试，仍不行请联系技术支持',
}
