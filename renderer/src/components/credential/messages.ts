import { defineMessages } from '../../i18n'

/** The credential choice at the counter: 医保码, 身份证 (02) or 社保卡 (03). */
export const useCredentialMessages = defineMessages(
  {
    title: '识别顾客',
    qr: '医保码',
    idCard: '身份证',
    socialCard: '社保卡',
    qrHint: '扫顾客的医保码（电子凭证），或把扫到的码粘贴在这里，按 Enter',
    qrField: '医保码',
    idCardHint: '输入或用读卡器录入身份证号（18 位），按 Enter',
    idCardField: '身份证号',
    socialCardHint: '把社保卡插入读卡器按 F4 读卡；没有读卡器插件时，输入卡号和卡识别码（card_sn）后按 Enter',
    cardNoField: '社保卡卡号',
    cardSnField: '卡识别码（card_sn）',
    readCard: '读卡',
    identifying: '正在识别…',
    confirm: '识别',
    cancel: '取消',
  },
  {
    title: 'Identify the customer',
    qr: 'Insurance QR',
    idCard: 'ID card',
    socialCard: 'Social security card',
    qrHint: "Scan the customer's insurance QR code (electronic credential), or paste the scanned code here, and press Enter",
    qrField: 'Insurance QR code',
    idCardHint: 'Type the 18-digit ID card number (or let the card reader type it) and press Enter',
    idCardField: 'ID card number',
    socialCardHint: 'Put the card in the reader and press F4; without a reader plug-in, type the card number and card code (card_sn) and press Enter',
    cardNoField: 'Card number',
    cardSnField: 'Card code (card_sn)',
    readCard: 'Read card',
    identifying: 'Identifying…',
    confirm: 'Identify',
    cancel: 'Cancel',
  },
)
