/**
 * The browser and operating system named by a User-Agent string, for the visitor panel.
 * Only what an operator needs to help ("Chrome 131 on Windows"), checked in the order that
 * tells look-alikes apart (Edge and Opera also say "Chrome"; Chrome also says "Safari").
 */
export interface UserAgentInfo {
  browser: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bYaBrowser\/(\d+)/, 'Yandex Browser'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)|\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/(?:\b|Headless)Chrome\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)(?:\.\d+)*.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\bWindows NT 10\.0/, () => 'Windows 10/11'],
  [/\bWindows NT (\d+\.\d+)/, (m) => `Windows NT ${m[1] ?? ''}`],
  [/\b(?:iPhone|iPad|iPod).*? OS (\d+)[_.](\d+)/, (m) => `iOS ${m[1] ?? ''}.${m[2] ?? ''}`],
  [/\bAndroid (\d+(?:\.\d+)?)/, (m) => `Android ${m[1] ?? ''}`],
  [/\bCrOS\b/, () => 'ChromeOS'],
  [/\bMac OS X (\d+)[_.](\d+)/, (m) => `macOS ${m[1] ?? ''}.${m[2] ?? ''}`],
  [/\bLinux\b/, () => 'Linux'],
];

export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  if (!ua) return { browser: null, os: null };
  let browser: string | null = null;
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) {
      // Some patterns have two alternatives; the version is in whichever matched.
      const version = m.slice(1).find(Boolean);
      browser = version ? `${name} ${version}` : name;
      break;
    }
  }
  let os: string | null = null;
  for (const [re, name] of SYSTEMS) {
    const m = re.exec(ua);
    if (m) {
      os = name(m);
      break;
    }
  }
  return { browser, os };
}
