export * from './credential'
export * from './readers'
