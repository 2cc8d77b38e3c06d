import { writeFileSync } from 'node:fs'
import { renderDependencyDocs } from './dependency-docs'

writeFileSync('docs/dependencies.md', renderDependencyDocs())
console.log('docs/dependencies.md written')
