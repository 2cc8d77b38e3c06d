/** The sandbox compiles its statements the way the core does: once per connection. */
export { prepared } from '../../core/store/statements'
