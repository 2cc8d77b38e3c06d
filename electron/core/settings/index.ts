/** Other concerns reach the settings concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export type { SettingsService } from './settings-service'
export { settingValue, writeSettings } from './settings-store'
