export * from './schema'
export * from './shipped'
export * from './resolve'
