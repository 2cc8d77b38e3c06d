import type { WaitingKey } from '../../components/use-held-keys'
import type { CounterMessages } from './messages'
import type { useOfflineMessages } from './offline-messages'
import type { useShiftMessages } from './shift-messages'
import type { Cart } from './use-cart'
import type { Checkout } from './use-checkout'

export type CounterDialog = 'member' | 'qty' | 'rx' | 'history' | 'clear' | 'held' | 'mobile' | 'shift' | undefined

interface KeysOf {
  m: CounterMessages
  om: ReturnType<typeof useOfflineMessages>
  sm: ReturnType<typeof useShiftMessages>
  cart: Cart
  checkout: Checkout
  dialog: CounterDialog
  setDialog: (d: CounterDialog) => void
}

/**
 * The counter's function keys for where the sale stands (docs/keys.md), as offered when the screen is
 * free: a key that `waits` is held or refused while a call is out (components/use-held-keys.ts).
 */
export function counterKeys({ m, om, sm, cart, checkout, dialog, setDialog }: KeysOf): WaitingKey[] {
  const { phase, paying } = checkout
  const { lines, member } = cart
  // Esc with a sale on screen asks first: it is also "close / clear search / back", and a habitual double
  // Esc must never wipe a customer's sale (B4). An empty or finished screen is simply cleared.
  const clearSale = () => (checkout.hasSale ? setDialog('clear') : checkout.newSale())
  const presettle = () => void checkout.presettle().then((next) => next === 'prescription' && setDialog('rx'))
  return [
    { key: 'F1', label: m('key_history'), action: () => setDialog('history'), disabled: paying },
    { key: 'F2', label: m('key_member'), action: () => setDialog('member'), disabled: paying, waits: true },
    // F3 is the current step: a line's quantity, or with nothing on the counter the shift (交班, docs/keys.md).
    phase.kind === 'cart' && lines.length
      ? { key: 'F3', label: m('key_qty'), action: () => setDialog('qty') }
      : { key: 'F3', label: sm('key_shift'), action: () => setDialog('shift'), disabled: paying, waits: true },
    { key: 'F4', label: m('key_remove'), action: () => phase.kind === 'cart' && cart.removeSelected(), disabled: phase.kind !== 'cart' || !lines.length },
    phase.kind === 'cart' && lines.length
      ? { key: 'F5', label: m('key_hold'), action: () => void checkout.hold(), waits: true }
      : { key: 'F5', label: m('key_recall'), action: () => setDialog('held'), disabled: paying, waits: true },
    { key: 'F6', label: m('key_account'), action: () => member && cart.setAcctUsed(!cart.acctUsed), disabled: phase.kind !== 'cart' || !member },
    phase.kind === 'offline'
      ? { key: 'F7', label: om('modeKey'), action: checkout.toggleMode, waits: true }
      : {
          key: 'F7',
          label: m('key_quota'),
          action: () => phase.kind === 'cart' && cart.cycleQuota(),
          disabled: phase.kind !== 'cart' || !member?.quotas.length,
        },
    phase.kind === 'offlineDone'
      ? { key: 'F8', label: om('key_print'), action: () => void checkout.printOffline(phase.view.saleId) }
      : { key: 'F8', label: m('key_presettle'), action: presettle, disabled: phase.kind !== 'cart' || !lines.length, waits: true },
    // 付款码: paid only on the provider's confirmation (B10); offline, the cashier still confirms it.
    { key: 'F9', label: m('key_mobile'), action: () => setDialog('mobile'), disabled: !paying, waits: true },
    { key: 'F10', label: m('key_settle'), action: () => void checkout.settle('cash'), disabled: !paying, waits: true },
    {
      key: 'Escape',
      label: paying ? m('key_back') : m('key_clear'),
      action: () => (paying ? checkout.backToCart(phase.kind === 'cart' ? undefined : phase.sale) : clearSale()),
      disabled: Boolean(dialog),
      waits: true,
    },
  ].map((k) => ({
    ...k,
    // Each key is a new action: the last one's error goes (an action that fails sets its own).
    action: () => {
      checkout.setError(undefined)
      k.action()
    },
  }))
}
