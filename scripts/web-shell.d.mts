export declare const WEB_ENTRY: string
export declare const WEB_NODE_FLAGS: string[]
