// lint as: renderer/src/screens/manager/Example.tsx
// A screen reaching for the store node's database driver instead of asking the core through the contract.
import { Client } from 'pg'

export const client = Client
