import type { ErrorCode, ErrorParams, ErrorWords, ErrorWordsOf } from './error-registry'
import { VISIT_ACTION_WORDS, VISIT_STAGE_WORDS } from './clinic/stage-words'

const ROLE_ZH: Record<string, string> = { cashier: '收银员', receptionist: '前台', manager: '店长' }
const kept = '小票已保留，可稍后重打'
/** The socket's or the driver's own words, for support; they never hold personal data. */
const withDetail = (sentence: string) => (p: { detail?: string }) => (p.detail ? `${sentence}（${p.detail}）` : sentence)
/** Words another party wrote (the platform, the store node), passed on as they came. */
const theirs = (p: { detail: string }) => p.detail
const onLine = (p: { reason: string; line: number | null }) => (p.line === null ? p.reason : `第 ${p.line} 行：${p.reason}`)

/**
 * The Chinese words of every error code: what the cashier reads (the renderer's zh-CN table is this one) and
 * the `message` every error carries for logs, the store node and anything else that is not the screen.
 */
export const zhErrorSentences: ErrorWords = {
  INVALID_INPUT: (p) => (p.why === 'amountNotPositive' ? '金额应大于 0' : p.fields ? `请求内容不正确：${p.fields}` : '请求内容不正确'),
  UNKNOWN_CALL: (p) => (p.call ? `不支持的操作：${p.call}` : '不支持的操作'),
  FORBIDDEN_FRAME: '请求来源不是本程序的页面，已拒绝',
  UNAUTHORIZED: '访问令牌无效，请从收银程序重新打开页面',
  INTERNAL: '程序内部错误，请联系技术支持',
  UNEXPECTED: '出现意外错误，请重试；仍不行请联系技术支持并告知错误代码',
  TRANSPORT: (p) => (p.status ? `与收银核心通信失败（HTTP ${p.status}）` : '与收银核心通信失败'),
  CORE_ANSWER_INVALID: (p) => `收银核心对操作 ${p.call} 的应答不符合约定，未采用；请联系技术支持并告知错误代码`,

  NOT_SIGNED_IN: '请先登录',
  SESSION_LOCKED: (p) => (p.by ? `屏幕已锁定：请由 ${p.by} 输入密码解锁后再退出，或由店长登录；正在进行的销售会保留` : '屏幕已锁定，请输入密码解锁'),
  SESSION_HELD: (p) => `屏幕由 ${p.name} 锁定，只有本人或店长可以解锁`,
  FORBIDDEN_ROLE: (p) => `当前账号（${ROLE_ZH[p.role] ?? p.role}）无权进行此操作（${p.call}），请由${p.allowed.map((r) => ROLE_ZH[r] ?? r).join('或')}操作`,
  LOGIN_FAILED: '工号或密码不正确',
  USER_LOCKED: (p) =>
    'until' in p ? `密码错误次数过多，账号已锁定至 ${p.until}（UTC），或请店长解锁` : `密码连续错误 ${p.failures} 次，账号锁定 ${p.minutes} 分钟`,
  USER_INACTIVE: '此账号已停用，请联系店长',
  TRAINING_USER_LIVE: '演示账号只能在练习模式下使用',
  APPROVAL_NOT_MANAGER: (p) => `${p.name} 不是店长，不能批准${p.action}`,
  PIN_REQUIRED: '新账号需要设置密码',
  DEMO_USER_FIXED: '演示账号不能修改',
  LAST_MANAGER: '不能取消自己的店长权限或停用自己，请由另一位店长操作',

  TRAINING_SWITCH_REFUSED: (p) =>
    p.why === 'noManager' ? '退出练习模式前，请先在「用户」中为本店建立至少一个店长账号' : '还有结算结果未确认的销售单正在冲正，完成前不能切换培训模式',
  TERMINAL_NO_FROM_STORE_NODE: '本收银台已与门店服务器配对，收银台号由门店服务器分配，不能在这里修改；如需更换，请先解除配对',
  TERMINAL_NO_REQUIRED: (p) =>
    p.why === 'goLive'
      ? '请先为本收银台设置收银台号（01-99，本机构每台收银机各不相同），再切换到正式模式：同一机构两台收银机用同一个号会产生重复的报文编号，医保平台会拒收'
      : '请先在「设置」中为本收银台设置与其他收银台不同的收银台号，再重新上传：否则新的报文编号会再次冲突',
  SECRET_SEALED_ELSEWHERE: '医保平台接入密钥是在另一种加密方式下保存的，无法读取：请店长在「设置」中重新填写接入密钥',
  IDENTITY_KEY_MISSING: '本机的顾客身份密钥尚未就绪，暂不能按身份证号离线识别顾客',
  CREDENTIAL_SEALED_ELSEWHERE: '该报文中的顾客凭证是在另一种加密方式下保存的，本机无法重发，请重新识别顾客',
  GATEWAY_PROFILE_UNKNOWN: (p) => `没有名为「${p.profile}」的医保网关配置，请店长在「设置」中重新选择`,
  PLATFORM_URL_INVALID: (p) => ('url' in p ? `医保平台地址无效：${p.url}` : '医保平台地址应以 https:// 开头'),
  PLATFORM_URL_INSECURE: '正式医保平台只能通过 https:// 连接（本机地址除外），请店长在「设置」中改为 https 地址',
  PLATFORM_CA_INVALID: (p) =>
    p.why === 'notPem'
      ? '医保平台 CA 证书应为 PEM 格式（-----BEGIN CERTIFICATE----- 开头），且不含其他内容'
      : p.why === 'unparsable'
        ? `医保平台 CA 证书第 ${p.part} 段无法解析，请向省平台重新索取`
        : `医保平台 CA 证书第 ${p.part} 段（${p.subject}）不在有效期内（${p.from} 至 ${p.to}）`,
  PLATFORM_NOT_CONFIGURED: (p) =>
    p.why === 'notConnected' ? '尚未连接医保平台，不能进行医保结算' : '尚未设置医保平台地址和接入凭证，请店长在「设置」中填写后再结算',

  PLATFORM_REFUSED: theirs,
  PLATFORM_UNREACHABLE: theirs,
  PLATFORM_NO_ANSWER: theirs,
  PLATFORM_BAD_ANSWER: theirs,
  PLATFORM_ANSWER_REJECTED: theirs,
  NOT_TRAINING: (p) => (p.why === 'practiceCodes' ? '练习用医保码只在培训模式下提供' : '练习平台尚未启动，请稍候'),

  QR_INVALID: (p) =>
    p.why === 'unreadable'
      ? '扫到的医保码无法识别（可能扫到了别的条码或只扫到一部分），请顾客刷新医保码后重扫'
      : `医保凭证无法识别：${p.reason}，请顾客刷新医保码后重扫`,
  ID_CARD_INVALID: (p) =>
    p.why === 'format' ? '身份证号应为 18 位（17 位数字加 1 位数字或 X），请核对或重新读卡' : '身份证号的校验位不对，可能输错了一位，请核对或重新读卡',
  SOCIAL_CARD_INVALID: (p) =>
    p.why === 'reader'
      ? `读卡器没有读到社保卡：${p.reason}，请把卡重新插入读卡器`
      : p.why === 'notSocialCard'
        ? '读卡器读到的不是社会保障卡，请插入顾客的社保卡'
        : p.why === 'cardNo'
          ? '社会保障卡卡号无法识别（应为 1 到 20 位数字或字母），请重新读卡'
          : '社会保障卡的卡识别码（card_sn）没有读到或无法识别，请把卡重新插入读卡器',
  CARD_READER_NOT_CONFIGURED: '本机没有配置读卡器（凭证插件）：请输入或用读卡器录入社保卡卡号和卡识别码，或请店长在「设置」中设置凭证插件',
  CREDENTIAL_PLUGIN_UNREACHABLE: (p) => `医保凭证插件（${p.url}）没有响应：请确认厂商的凭证程序已启动，或请店长在「设置」中核对凭证插件地址`,
  CREDENTIAL_PLUGIN_BAD_ANSWER: (p) => `医保凭证插件的应答格式不对（HTTP ${p.status}），没有识别顾客；请联系凭证程序的厂商`,

  MEMBER_NOT_INSURED: '医保平台显示该顾客目前没有有效的参保记录，只能自费购买',
  MEMBER_EXPIRED: (p) =>
    p.why === 'tenMinutes'
      ? '顾客身份已过期（超过 10 分钟），请顾客刷新医保码后重新扫码'
      : '顾客的医保凭证只保存在本次运行的内存中（程序重启后不再保留），请作废本单后重新识别顾客',
  MEMBER_REQUIRED: '部分退货需要按保留的商品重新结算：请顾客重新出示医保码并扫码',
  MEMBER_NOT_SEEN: (p) =>
    p.why === 'pay'
      ? '这位顾客没有在本店联网识别过，离线时无法确认参保信息：只能按自费购买，或等平台恢复后再用医保结算'
      : '这位顾客没有在本店联网识别过，离线时无法估算医保支付',
  MEMBER_SNAPSHOT_TOO_OLD: (p) => `这位顾客上次在本店联网识别已是 ${p.days} 天前（超过 ${p.maxDays} 天），离线时只能按自费购买`,
  QUOTA_NOT_AVAILABLE: (p) => `所选的亲属共济额度不属于这位${p.who === 'customer' ? '顾客' : '患者'}，请重新选择`,

  CATALOG_ITEM_NOT_FOUND: (p) =>
    'barcode' in p
      ? `条码 ${p.barcode} 不在商品目录中：请核对商品，或按名称、拼音首字母查找`
      : p.at === 'scan'
        ? `店内编码 ${p.storeCode} 不在商品目录中：请核对编码，或按名称查找`
        : p.at === 'sale'
          ? `商品编码 ${p.storeCode} 不在本店商品目录中，请核对或由店长导入商品`
          : `商品编码 ${p.storeCode} 不在本店商品目录中，请先导入商品目录`,
  STOCK_SPLIT_UNAVAILABLE: (p) => `「${p.name}」没有登记每盒的最小单位数量，不能拆零销售：请店长在库存中为它入库或设置每盒数量`,
  TRACE_CODES_MISSING: (p) =>
    'toOpen' in p
      ? `「${p.name}」拆零 ${p.qty} ${p.unit}需要拆开 ${p.toOpen} 盒新药：请扫描要拆开的药盒的追溯码（已扫 ${p.scanned} 盒）`
      : `「${p.name}」医保销售需逐盒扫描药品追溯码：共 ${p.boxes} 盒，已扫 ${p.scanned} 盒`,
  TRACE_CODE_DUPLICATE: (p) => `追溯码 ${p.code} 在本单「${p.name}」中重复扫描，每盒药只扫一次`,
  TRACE_CODE_SOLD: (p) =>
    'terminal' in p
      ? `追溯码 ${p.code} 已在本店 ${p.terminal} 号收银台售出（销售单 ${p.saleId}），这盒药不能再次销售，请核对实物`
      : 'name' in p
        ? `追溯码 ${p.code}（${p.name}）已在销售单 ${p.saleId} 售出，这盒药不能再次销售，请核对实物`
        : `追溯码 ${p.code} 已在其他销售单售出，这盒药不能再次销售，请核对实物`,
  PRESCRIPTION_REQUIRED: (p) => `处方药「${p.name}」需要登记处方（处方号或外配处方）和调剂药师`,
  RECOVERY_IN_PROGRESS: '正在核对上次未完成的结算，请稍候几秒再结算',
  AMOUNT_TOO_LARGE: (p) =>
    'name' in p
      ? `「${p.name}」金额超过单行上限 ${p.limit} 元，请核对数量`
      : 'sale' in p
        ? `整单金额超过上限 ${p.sale} 元，请分单结算`
        : `实收金额不能超过 ${p.tendered} 元，请核对后重新输入`,
  AMOUNT_OUT_OF_RANGE: (p) => `金额 ${p.amount} 元超出可处理的范围`,
  SALE_NOT_FOUND: (p) => `找不到销售单 ${p.saleId}`,
  SALE_INVALID: (p) => `销售单无法开立：${p.problems}`,
  LINE_NOT_INSURABLE: (p) =>
    p.at === 'sale'
      ? `「${p.name}」没有医保目录编码，只能自费购买`
      : p.at === 'visit'
        ? `「${p.name}」没有医保编码，不能记入门诊费用`
        : `「${p.name}」不是医保目录内的药品或耗材，不能记入门诊费用`,
  SALE_WRONG_STATE: (p) => {
    switch (p.why) {
      case 'cannotPresettle':
        return `销售单当前状态为「${p.state}」，不能预结算`
      case 'cannotTakeCash':
        return `销售单当前状态为「${p.state}」，不能收款`
      case 'paymentMismatch':
        return `销售单当前状态为「${p.state}」，应付金额与付款不符`
      case 'cannotVoid':
        return `销售单当前状态为「${p.state}」，不能作废`
      case 'cannotRefund':
        return `销售单当前状态为「${p.state}」，只有已结算的销售单可以退货`
      case 'cannotPayOffline':
        return `销售单当前状态为「${p.state}」，不能离线收款`
      case 'noCashDue':
        return `销售单当前状态为「${p.state}」，没有待收的现金部分`
      case 'cannotRecordOutcome':
        return `离线销售单当前状态为「${p.state}」，不能记录结算结果`
      case 'visitLocked':
        return `就诊当前状态为「${p.state}」，不能修改`
      case 'otherCounter':
        return `这笔销售在 ${p.terminal} 号收银台的状态为「${p.state}」，只有已结算的销售单可以退货`
      case 'presettleFirst':
        return '请先预结算，确认金额后再结算'
      case 'onlySettledInsured':
        return '只有已结算的医保销售单可以由医保退费'
      case 'onlyCashRefund':
        return '只有已完成的现金销售单可以直接退款'
      case 'noTopUp':
        return '这张销售单不需要补收现金'
      case 'mobileNotPharmacy':
        return '只有药店销售单可以在收银台扫付款码'
      case 'mobileInsuredFirst':
        return '医保销售单先结算医保部分（F9 结算后扫码），再扫付款码收取现金部分'
      case 'mobileAlreadyPaid':
        return '这张销售单已经用付款码付过款'
    }
  },
  SALE_WRONG_KIND: (p) =>
    p.why === 'isClinic' ? '这是门诊就诊记录，请在门诊收费中结算' : p.why === 'isPharmacy' ? '这是药店销售单，请在收银台结算' : '这不是门诊就诊记录',
  SALE_NEEDS_PLATFORM: '本单有医保结算的商品，请先预结算',
  SALE_NEEDS_NO_PLATFORM: '本单没有医保结算的商品，直接收款即可',
  SALE_NO_MEMBER: (p) =>
    ({
      cashOnly: '这张销售单没有医保身份，只能现金收款',
      offlineQueue: '这张销售单没有医保身份，直接现金收款即可',
      offlinePay: '这张销售单没有医保结算的商品，直接现金收款即可（不需要平台）',
      visit: '这次就诊没有医保身份',
    })[p.why],
  TENDERED_TOO_LITTLE: (p) =>
    !('tendered' in p)
      ? `实收不足，应收 ${p.due} 元`
      : p.offline
        ? `实收 ${p.tendered} 元不足，离线应收 ${p.due} 元`
        : `实收 ${p.tendered} 元不足，应收现金 ${p.due} 元`,
  DISCOUNT_INSURED_LINE: (p) =>
    'name' in p ? `「${p.name}」按医保结算，须按目录价上传医保平台，不能打折或改价` : '整单优惠只用于医保以外的商品：本单没有自费商品可以优惠',
  DISCOUNT_TOO_LARGE: (p) =>
    'name' in p
      ? `「${p.name}」折扣 ${p.off} 元不小于原价 ${p.gross} 元`
      : 'goods' in p
        ? `整单优惠 ${p.off} 元不小于自费商品金额 ${p.goods} 元`
        : `整单优惠过大：「${p.zeroLine}」分摊后金额为 0，请减少优惠`,
  DISCOUNT_NEEDS_APPROVAL: (p) =>
    `折扣共 ${p.off} 元（原价的 ${p.percent}%），超过本店授权线（${p.limitPercent}% 或 ${p.limitAmount} 元）：请店长输入工号和密码批准`,
  SETTLEMENT_REVERSED: '医保平台没有及时应答，本次结算已冲正，顾客没有被扣款。请重新预结算后再结算。',
  SETTLEMENT_UNRESOLVED: '医保平台没有应答，正在后台冲正本次结算。冲正完成前请不要重复收费，可先接待下一位顾客。',
  SETTLEMENT_ANSWER_REJECTED: (p) => `医保平台的结算应答与本单不符（${p.why}），本次结算已冲正，没有收款也没有打印小票。已记录交店长核查，请重新预结算。`,
  SETTLEMENT_ANSWER_REJECTED_UNRESOLVED: (p) => `医保平台的结算应答与本单不符（${p.why}），正在后台冲正。冲正完成前请不要收款或重复结算，已记录交店长核查。`,
  REFUND_REVERSED: '医保平台没有及时应答，退费已冲正，原结算仍然有效。请稍后重新退费。',
  REFUND_UNRESOLVED: '医保平台没有应答，正在后台冲正本次退费。',
  REFUND_ANSWER_REJECTED: (p) =>
    `医保平台的退费应答与原结算不符（${p.why}），${p.reversed ? '退费已冲正，原结算仍然有效' : '正在后台冲正本次退费'}。已记录交店长核查，请不要退还现金。`,
  REFUND_NEEDS_PLATFORM: '医保结算的销售单退货需要医保平台退费，平台恢复连接后再办理；纯现金销售可以离线退款',
  MESSAGE_NOT_FOUND: (p) => `找不到报文 ${p.msgid}`,
  NOT_REVERSIBLE: (p) => `${p.infno} 交易不能冲正`,
  RETURN_TOO_MUCH: (p) =>
    'traceCode' in p
      ? `追溯码 ${p.traceCode} 不属于原销售单的「${p.name}」`
      : 'kept' in p
        ? `「${p.name}」保留数量 ${p.kept} 超过原购买数量 ${p.sold}`
        : `原销售单没有第 ${p.seq} 行`,
  RETURN_NOTHING: '保留的商品与原单相同，没有要退的商品',
  SALE_REFUNDED_ELSEWHERE: (p) => `这笔销售已在 ${p.terminal} 号收银台退货（${p.at} UTC 通知），不能再次退货`,
  HELD_TOO_MANY: (p) => `已有 ${p.count} 笔挂单：请先取回或作废其中一笔，再挂新单`,
  HELD_NOT_FOUND: (p) => `没有挂单号 ${p.number}：可能已被取回，请按 F5 查看挂单列表`,
  HELD_ITEMS_MISSING: '有些挂单商品已不在商品目录中',
  MOBILE_PAY_IN_PROGRESS: (p) =>
    p.why === 'pending' ? '这张销售单有一笔付款码支付尚未有结果：请等待或先取消（撤销）' : '这张销售单已有一笔付款码支付在进行中，请等待结果或先取消',
  MOBILE_PAY_NEEDS_CODE: '移动支付请扫描顾客的微信或支付宝付款码：收到支付平台确认后才算收款',
  MOBILE_PAY_NOT_CONFIGURED: (p) =>
    p.why === 'noProvider' ? '本店尚未接入移动支付服务商（见 docs/mobile-payment.md）：请收现金，或由店长配置支付服务商' : '培训平台没有提供练习用的支付服务商',
  MOBILE_PAY_NOTHING_DUE: '这张销售单没有需要顾客支付的金额',
  MOBILE_PAY_NONE: '这张销售单没有进行中的付款码支付',
  MOBILE_REFUND_TOO_MUCH: (p) => `可原路退回的金额为 ${p.left} 元`,
  PAY_CODE_INVALID: (p) => p.problem ?? '付款码不正确',

  OFFLINE_WAITING: '这张销售单是离线销售，正在等待上传医保平台结算；结果出来后再处理',
  OFFLINE_NOT_NEEDED: '医保平台在线，请按正常流程预结算和结算',
  OFFLINE_ALREADY_QUEUED: '这张销售单已在离线队列中',
  OFFLINE_NOT_HELD: '这张销售单没有因报文编号冲突而暂停的报文',
  OFFLINE_SALE_NOT_FOUND: (p) => (p.why === 'notQueued' ? '这不是离线销售单，或它不在本机的离线队列中' : '这不是离线销售单'),
  OFFLINE_NOTHING_TO_RESOLVE: (p) => (p.why === 'closed' ? '这张离线销售单已经结清' : '这张离线销售单还在等待上传结算，结果出来后再处理'),
  OFFLINE_LIMITS_INVALID: '单笔垫付上限不能大于垫付总额上限',
  OFFLINE_ADVANCE_OFF: '本店未开启离线垫付（由店长在离线设置中开启），请按押金模式收取全款',
  OFFLINE_LIMIT_PER_SALE: (p) => `本单需垫付 ${p.advanced} 元，超过单笔垫付上限 ${p.limit} 元：请按押金模式收取全款`,
  OFFLINE_LIMIT_OUTSTANDING: (p) => `离线垫付未收回合计 ${p.outstanding} 元，加上本单 ${p.advanced} 元将超过上限 ${p.limit} 元：请按押金模式收取全款`,
  OFFLINE_LIMIT_STORE: (p) =>
    `全店离线垫付未收回合计 ${p.outstanding} 元（${p.counters} 个收银台），加上本单 ${p.advanced} 元将超过全店上限 ${p.limit} 元：请按押金模式收取全款`,
  OFFLINE_LIMIT_SHARE: (p) =>
    `门店服务器无法连接，本收银台只能在固定份额 ${p.share} 元内垫付（全店上限 ${p.limit} 元 ÷ ${p.counters} 个收银台）；本收银台未收回 ${p.own} 元，加上本单 ${p.advanced} 元将超过份额：请按押金模式收取全款`,
  OFFLINE_PROMISE_TAKEN: '其他收银台刚刚为这位参保人离线使用了个人账户或亲情账户额度，本单的估算已过时：请重新估算后再收款',
  OFFLINE_LIMIT_AGE: (p) => `最早一笔离线销售已等待 ${p.hours} 小时，超过 ${p.maxHours} 小时上限：暂停垫付，请按押金模式收取全款并尽快恢复联网`,
  POLICY_INVALID: (p) => `统筹政策参数有误：${p.problem}，请按当地公布的政策填写`,

  STOCK_TRACE_UNKNOWN: (p) => (p.at === 'lookup' ? `追溯码 ${p.code} 没有入库记录` : `追溯码 ${p.code} 没有入库记录：请先按入库补登这盒药，或按批次手工清点`),
  STOCK_PACK_SIZE: (p) =>
    'name' in p
      ? `「${p.name}」库存按每盒 ${p.packSize} ${p.unit}记账，本单按每盒 ${p.linePackSize} 拆零，请重新扫描商品`
      : 'wanted' in p
        ? `商品 ${p.storeCode} 的库存按每盒 ${p.packSize} 个最小单位记账，不能改为 ${p.wanted}；规格不同的包装请建为另一个商品`
        : `商品 ${p.storeCode} 第一次入库，请填写每盒的最小单位数量（如 24 片）`,
  STOCK_NOT_WHOLE_UNITS: (p) => `「${p.name}」每盒 ${p.packSize} ${p.unit}，${p.qty} 盒不是整数个最小单位，请按整盒或整${p.unit}销售`,
  STOCK_LOT_NOT_FOUND: (p) => ('lotNo' in p ? `批次 ${p.lotNo} 不是这个商品的批次，请重新选择批号` : `找不到批次 ${p.lotId}，请刷新库存列表后重试`),
  STOCK_INSUFFICIENT: (p) => {
    switch (p.why) {
      case 'lotEmptyButScanned':
        return `「${p.name}」批号 ${p.lotNo} 账上已没有库存，但扫到了这一批的药盒：请店长先盘点或更正这一批次，再销售`
      case 'lotShort':
        return `「${p.name}」批号 ${p.lotNo} 账上只有 ${p.onHand}，本单需要 ${p.needed}：请改选其他批号，或由店长盘点更正这一批次`
      case 'itemShort':
        return `「${p.name}」库存不足：可售 ${p.available}，本单需要 ${p.needed}。请核对实物，或由店长入库、盘点后再售`
      case 'noLots':
        return `「${p.name}」没有任何入库批次，不能按批次销售`
      case 'returnMore':
        return `批号 ${p.lotNo} 账上只有 ${p.onHand}，不能退 ${p.returned}`
      case 'belowZero':
        return `批号 ${p.lotNo} 账上只有 ${p.onHand} 个最小单位，更正后会小于 0；请按盘点核实实物`
    }
  },
  STOCK_LOT_EXPIRED: (p) =>
    p.at === 'sale'
      ? `「${p.name}」批号 ${p.lotNo} 已于 ${p.expiry} 过期，不能销售。请把这盒药取下，交店长按过期药品处理`
      : `「${p.name}」批号 ${p.lotNo} 已于 ${p.expiry} 过期，过期药品不能入库，请退回供应商`,
  STOCK_COUNT_UNEXPLAINED: (p) => `${p.count} 个批次的盘点数与账面不符，请逐一写明原因后再过账：${p.lots.slice(0, 5).join('；')}${p.count > 5 ? '…' : ''}`,
  STOCK_LOT_MISMATCH: (p) =>
    `批号 ${p.lotNo} 已入库，生产日期 ${p.manuDate}、有效期至 ${p.expiry}，与本次填写的 ${p.givenManuDate}、${p.givenExpiry} 不符，请核对包装`,
  STOCK_TRACE_DUPLICATE: (p) => `追溯码 ${p.code} 已在之前的入库中登记过，同一盒药不能入库两次，请核对实物`,
  UPLOAD_FIELD_UNKNOWN: (p) => `字段 ${p.field} 不属于这条上传`,
  UPLOAD_LOT_MISMATCH: (p) => `批次属于商品 ${p.lotItem}，不是这条上传的商品 ${p.uploadItem}`,
  UPLOAD_STILL_INCOMPLETE: (p) => `仍不能上传：${p.reason}`,
  UPLOAD_NOT_FOUND: (p) =>
    ({ missing: '找不到这条进销存上传', heldGone: '这条待补传的上传已处理或不存在，请刷新', gone: '这条上传已处理或不存在，请刷新' })[p.why],
  UPLOAD_NOT_ACCEPTED: '这条上传还没有被医保平台受理，不需要删除；被拒绝的请更正后重传或作废',

  SHIFT_REQUIRED: '本店要求先开班才能收银：请按 F3「交班」输入备用金开班后再收款',
  SHIFT_ALREADY_OPEN: (p) => `第 ${p.no} 班（${p.cashier}）还没有交班，请先交班`,
  SHIFT_NOT_OPEN: '现在没有开着的班次，请先开班',
  SHIFT_NOT_FOUND: '没有这个班次',
  CASH_OUT_EXCEEDS_DRAWER: (p) => `钱箱里应有 ${p.expected} 元，不能取出 ${p.taken} 元`,
  HANDOVER_USER_UNKNOWN: (p) => `没有在用的员工「${p.staffId}」，无法交班给他`,

  UNKNOWN_DEPARTMENT: (p) => `科室 ${p.code} 不在本诊所的科室列表中`,
  UNKNOWN_DOCTOR: (p) => `医生 ${p.code} 不在本诊所的医生列表中`,
  UNKNOWN_DIAGNOSIS: (p) => `诊断编码 ${p.code} 不在诊断目录中，请从搜索结果中选择`,
  NO_CERTIFICATION: (p) =>
    p.why === 'register' ? '该患者没有门诊慢特病认定，请按普通门诊挂号' : '门诊慢特病须以患者已认定的病种作诊断（如高血压 I10.x00），否则请改为普通门诊',
  VISIT_NOT_FOUND: (p) => `找不到就诊记录 ${p.visit}`,
  VISIT_NOT_REGISTERED: '这次就诊还没有在医保平台挂号成功，不能结算',
  VISIT_WRONG_STAGE: (p) =>
    'stage' in p
      ? `这次就诊目前「${VISIT_STAGE_WORDS['zh-CN'][p.stage]}」，不能${VISIT_ACTION_WORDS['zh-CN'][p.action]}`
      : p.why === 'lineInFlight'
        ? '这行费用正在与医保平台核对，请稍候再删除'
        : '有费用明细正在与医保平台核对，请稍候再预结算',
  VISIT_MESSAGE_UNRESOLVED: (p) => `医保平台没有应答（${p.infno}），系统会用同一报文在后台重新确认，不会重复登记。请稍后刷新这次就诊再继续。`,
  ITEM_NOT_FOUND: (p) => (p.list === 'priceList' ? `价目表中没有项目 ${p.code}，请核对或由店长导入价目表` : `商品编码 ${p.code} 不在本店商品目录中`),
  FEE_LINE_NOT_FOUND: (p) => `这次就诊没有第 ${p.seq} 行费用`,
  NOTHING_TO_UPLOAD: '没有待上传的费用明细',
  NO_FEES: '还没有费用，请先增加诊查、检查、治疗或药品',
  PRICE_LIST_INVALID: (p) =>
    'why' in p
      ? `价目表第 ${p.line} 行：${p.why}，整个文件未导入，请改正后重新导入`
      : 'header' in p
        ? `价目表第 1 行应为表头 ${p.header}，整个文件未导入`
        : '价目表没有项目，整个文件未导入',

  INVALID_PERIOD: (p) => ('day' in p ? `日期 ${p.day} 不存在` : p.pick === 'day' ? '请选择要导出的日期（yyyy-MM-dd）' : '请选择要导出的月份（yyyy-MM）'),
  DAY_IN_FUTURE: (p) => ('month' in p ? `${p.month} 还没有到` : `${p.day} 还没有到，不能查看或处理未来的日期`),
  DAY_CLOSED: (p) => `${p.day} 已日结，数据已冻结，不能再对账或处理差异`,
  DAY_ALREADY_CLOSED: (p) => `${p.day} 已经日结过了，可以重新打印日结单`,
  DAY_NOT_CLOSED: (p) => (p.forSupplementary ? `${p.day} 还没有日结：日结之后的销售才进补充Z报表` : `${p.day} 还没有日结`),
  QUEUE_NOT_EMPTY: (p) => {
    const parts = [p.waiting ? `${p.waiting} 笔销售在等待医保平台的结果` : '', p.offline ? `${p.offline} 笔离线销售尚未上传` : ''].filter(Boolean)
    return `还有${parts.join('，')}（见「待处理」）。请先处理，或确认知晓后再日结`
  },
  RECON_REQUIRED: (p) => `${p.day} 还没有与医保平台对账，请先对账（F5）再日结`,
  RECON_UNEXPLAINED: (p) => `对账还有 ${p.open} 处差异没有说明。已处理的差异请重新对账确认，其余请写明原因后再日结`,
  RECON_STALE: '对账之后又有结算或退费，对账结果已不是当天的全部，请重新对账后再日结',
  RECON_STALE_RUN: '这不是当天最新的对账结果，请在最新一次对账上处理差异',
  RECON_BUSY: '正在对账，请等这一次完成',
  RECON_RESULT_UNREADABLE: (p) => `医保平台的明细对账结果文件无法读取，本次对账未保存：${p.detail}`,
  DIFFERENCE_NOT_FOUND: (p) => ('seq' in p ? `第 ${p.runId} 次对账没有第 ${p.seq} 处差异` : `找不到第 ${p.runId} 次对账`),
  DIFFERENCE_DONE: (p) => `这处差异已处理（${p.resolution}），如需复核请重新对账`,
  ACTION_NOT_ALLOWED: (p) =>
    p.why === 'notOffered' ? '这处差异不能这样处理，请按界面给出的处理方式操作' : '培训/正式模式已切换，这次对账属于另一个模式，请切回后再处理',
  NOTE_REQUIRED: '请写明差异的原因（至少 2 个字），说明会随日结一起保存',
  RESOLVE_UNFINISHED: (p) =>
    p.why === 'tooRecent'
      ? '这笔结算还在进行中（不到 1 分钟），请稍候再处理'
      : '医保平台暂时没有应答冲正，销售单仍在核对中；稍后再点一次，或等收银台后台自动冲正',
  ORPHAN_MAY_BE_OTHER_COUNTER:
    '这笔结算可能是本机构另一台收银机的，不能在这里撤销。只有店长在「设置」中声明「本机是本机构唯一的医保收银机」后才能撤销；否则请在那台收银机上核对，或填写说明',
  ORPHAN_UNRESOLVED: '医保平台没有应答撤销，结果未知。请稍后再点一次「撤销」：会用同一报文号重发，不会重复撤销',
  SECOND_MANAGER_REQUIRED: '撤销须由另一位店长批准：请另一位店长输入自己的工号和密码',
  NOTHING_LATE: (p) => `${p.day} 日结之后没有新的销售或退货，不需要补充Z报表`,
  SUPPLEMENTARY_Z_NOT_FOUND: (p) => `${p.day} 没有第 ${p.part} 份补充Z报表`,

  PRINTER_DISABLED: (p) => (p.why === 'offlineReceipt' ? '没有配置小票打印机' : withDetail(`未启用小票打印机：请店长在「设备」中配置打印机，${kept}`)(p)),
  PRINTER_OFFLINE: withDetail(`打印机未连接：请检查电源和网线，${kept}`),
  PRINTER_PAPER_OUT: withDetail(`打印机缺纸：请装入新纸卷，${kept}`),
  PRINTER_COVER_OPEN: withDetail('打印机纸仓盖未合上：请合上后重打，小票已保留'),
  PRINTER_TIMEOUT: withDetail(`打印机长时间无响应：请检查打印机；若打印机不支持状态查询，请在「设备」的打印机设置中关闭该项。${kept}`),
  PRINTER_WRITE_FAILED: withDetail(`发送到打印机失败：请检查连接，${kept}`),
  PRINTER_DRIVER_MISSING: withDetail('本机没有可用的系统打印驱动模块：请改用网络或端口方式连接打印机'),
  PRINT_INTERRUPTED: withDetail('程序在打印过程中退出，这张小票可能没有打完：请确认后重打'),
  PRINT_JOB_NOT_FOUND: withDetail('找不到这张小票的打印记录'),
  PRINT_NOTHING_TO_REPRINT: withDetail('这笔交易没有可重打的小票'),
  SERIAL_LIST_FAILED: (p) => `无法列出本机串口，请直接填写串口名称（${p.detail}）`,
  SCANNER_WEDGE_OFF: '键盘扫码已在设备设置中关闭，请由店长在「设备」中开启',
  SCAN_NOT_RECOGNISED: '没有找到扫到的商品：请核对条码或编码，或按名称、拼音首字母查找',

  CATALOG_CORRUPT: onLine,
  CATALOG_TRUNCATED: onLine,
  CATALOG_EMPTY: onLine,
  CATALOG_UNREADABLE: onLine,
  CATALOG_BUSY: onLine,
  CATALOG_FAILED: onLine,
  CATALOG_CANCELLED: onLine,
  CATALOG_DOWNLOAD_CORRUPT: (p) => `${p.detail}；目录未改变`,

  SYNC_NOT_PAIRED: (p) => p.needs ?? '本收银台没有与门店服务器配对',
  MASTER_DATA_READ_ONLY: (p) =>
    `门店模式下${{ settings: '机构与平台设置', users: '用户与密码', catalog: '商品目录与价格', secret: '医保平台接入密钥', offline: '离线限额与统筹政策' }[p.thing]}由门店统一维护，本收银台不能单独修改：请店长发布到门店服务器，每台收银台会在下次同步时更新`,
  SYNC_STORE_UNREACHABLE: (p) =>
    'url' in p ? `无法连接门店服务器 ${p.url}：请检查地址、网络，以及门店服务器是否已启动` : `门店服务器暂时无法使用：${p.detail}。收银不受影响，请稍后再试`,
  SYNC_PAIRING_REFUSED: (p) => ('why' in p ? '本机无法读取与门店服务器配对的密钥，请店长解除配对后重新配对' : p.detail),
  SYNC_PAIRING_CODE_INVALID: '配对码不对、已过期或已被使用：请店长在门店服务器上重新生成一个配对码',
  SYNC_STORE_FULL: '本机构在门店服务器上的 99 个收银台号已全部分配，无法再添加收银台',
  SYNC_ALREADY_PAIRED: (p) => `本收银台已与门店服务器 ${p.url} 配对（收银台号 ${p.terminal}）：如需重新配对，请店长先解除配对`,
  CROSS_REFUND_OWN_SALE: '这是本收银台的销售单，请直接在销售记录中退货',
  CROSS_REFUND_MODE: '这笔销售与本收银台的模式（培训/正式）不同，不能在此退货',
  CROSS_REFUND_NOT_INSURED: (p) =>
    p.mobile ? `这笔销售用付款码支付，原路退款请在售出的 ${p.terminal} 号收银台办理` : `这笔销售没有医保结算，请在售出的 ${p.terminal} 号收银台退货`,
  SALE_ALREADY_REFUNDED: (p) => `这笔销售已经退货（${p.terminal} 号收银台售出）`,
  STORE_DAY_TRAINING: (p) => (p.brief ? '培训模式下没有门店对账' : '培训模式下没有门店对账：门店对账只对正式模式的医保结算进行'),
  SALE_LEASED: theirs,
  SALE_SELLER_SILENT: theirs,
  TERMINAL_NOT_FOUND: theirs,
  TERMINAL_NOT_BLOCKED: theirs,
  TERMINAL_RETIRED: theirs,
  TERMINAL_IS_CALLER: theirs,
  ALARM_NOT_FOUND: theirs,
  SALE_NOT_IN_STORE: theirs,
  STORE_INCOMPLETE: theirs,
  SHIFTS_OPEN: theirs,
  LEASE_NOT_HELD: theirs,
  BAD_REQUEST: theirs,
  STORE_UNKNOWN: theirs,
  SYNC_BODY_CONFLICT: theirs,
  SYNC_BODY_HASH: theirs,
  MSGID_TERMINAL_MISMATCH: theirs,
  NOT_FOUND: theirs,
  PAIRING_CODE_INVALID: theirs,
  STORE_FULL: theirs,
  MASTER_DATA_HQ_OWNED: theirs,
}

/** The Chinese sentence of an error as the core and the store node log it. */
export function zhMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  const w = zhErrorSentences[code] as ErrorWordsOf<C>
  return typeof w === 'function' ? w(params) : w
}
