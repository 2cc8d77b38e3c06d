import { writeFileSync } from 'node:fs'
import { renderContractDocs } from './contract-docs'

writeFileSync('docs/contract.md', renderContractDocs())
console.log('docs/contract.md written')
