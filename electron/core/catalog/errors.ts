import { PosError } from '../../../shared/contract/errors'
import type { CatalogErrorCode, CatalogImportErrorData } from '../../../shared/catalog/schemas'

/**
 * Why an import was refused. `reason` is written for a store manager; `message` prefixes the line so
 * the same text works in a dialog, a log line and a support call: 第 1234 行：价格 "12.3.4" 不是有效金额.
 */
export class CatalogImportError extends PosError {
  constructor(
    override readonly code: CatalogErrorCode,
    readonly reason: string,
    readonly line: number | null = null,
    readonly field: string | null = null,
  ) {
    super(code, { reason, line }, field ? [{ path: field, message: reason }] : undefined)
    this.name = 'CatalogImportError'
  }

  toImportData(): CatalogImportErrorData {
    return { code: this.code, message: this.message, line: this.line, field: this.field, reason: this.reason }
  }
}

/** A bad value in one field; the importer adds the line number, which the field parsers do not know. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason)
    this.name = 'FieldError'
  }
}
