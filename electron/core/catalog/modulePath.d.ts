// electron-vite's `?modulePath` import (see workerSpawn.ts): the path of a separately bundled module.
declare module '*?modulePath' {
  const path: string
  export default path
}
