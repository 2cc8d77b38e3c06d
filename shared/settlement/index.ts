export * from './policy'
export * from './calculator'
