import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { HqApp } from './HqApp'
import '../styles.css'
import './hq.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HqApp />
  </StrictMode>,
)
