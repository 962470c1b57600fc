/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png' {
  const src: string;
  export default src;
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: 'weapp' | 'h5' | … */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony';
    /** API origin; '' means same origin (H5 served by the API server). */
    TARO_APP_API_BASE?: string;
  }
}
