/**
 * English titles derived from heading anchors ("vm-agent-unable-to-communicate-with-azure-backup" →
 * "VM agent unable to communicate with Azure Backup"), with error codes in their printed spelling and product
 * words and acronyms spelled right. Latin words the localized heading spells with capitals win (IaaSBcdrExtension.exe).
 */
const WORDS: Readonly<Record<string, string>> = {
  vm: 'VM',
  vms: 'VMs',
  dpm: 'DPM',
  mabs: 'MABS',
  mars: 'MARS',
  bmr: 'BMR',
  sql: 'SQL',
  vmware: 'VMware',
  azure: 'Azure',
  windows: 'Windows',
  linux: 'Linux',
  powershell: 'PowerShell',
  rdp: 'RDP',
  dhcp: 'DHCP',
  id: 'ID',
  ids: 'IDs',
  crp: 'CRP',
  rp: 'RP',
  rps: 'RPs',
  pin: 'PIN',
  smtp: 'SMTP',
  iis: 'IIS',
  msi: 'MSI',
  os: 'OS',
  ip: 'IP',
  url: 'URL',
  dtc: 'DTC',
  msdtc: 'MSDTC',
  vss: 'VSS',
  ctk: 'CTK',
  pg: 'PG',
  ui: 'UI',
  iaas: 'IaaS',
  applocker: 'AppLocker',
  vmsnapshot: 'VMSnapshot',
  refs: 'ReFS',
  sc: 'SC',
  vmm: 'VMM',
  exchange: 'Exchange',
  office: 'Office',
  doesnt: "doesn't",
  dont: "don't",
  cant: "can't",
  isnt: "isn't",
  wont: "won't",
  its: "it's",
  whats: "what's",
};

/** Product names that are capitalised as a pair ("Azure Backup", "Backup Server", "Recovery Services"). */
const PAIRS: ReadonlyArray<[string, string, string]> = [
  ['Azure', 'backup', 'Backup'],
  ['Backup', 'server', 'Server'],
  ['Azure', 'storage', 'Storage'],
  ['Azure', 'portal', 'portal'],
  ['Recovery', 'services', 'Services'],
];

export function englishTitle(
  anchor: string,
  options: { codes?: readonly string[]; heading?: string } = {},
): string {
  const codes = new Map((options.codes ?? []).map((c) => [c.toLowerCase(), c] as const));
  const spelled = new Map<string, string>();
  for (const word of (options.heading ?? '').match(/[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]/g) ?? []) {
    if (/[A-Z]/.test(word.slice(1)) || /\./.test(word))
      spelled.set(word.toLowerCase().replace(/\./g, ''), word);
  }
  const parts = anchor
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/-{3,}/g, ' ~dash~ ')
    .replace(/--/g, ' / ')
    .replace(/-/g, ' ')
    .replace(/~dash~/g, '-')
    .split(/\s+/)
    .filter(Boolean);
  const words: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '/' || part === '-') {
      words.push(part);
      continue;
    }
    const size = /^(\d+)(gb|tb|mb)$/.exec(part);
    let word =
      codes.get(part) ??
      WORDS[part] ??
      spelled.get(part) ??
      (size ? `${size[1]} ${(size[2] ?? '').toUpperCase()}` : part);
    const previous = words[words.length - 1];
    for (const [first, lower, upper] of PAIRS) if (previous === first && part === lower) word = upper;
    // "CODE-message" written with a single hyphen: keep the code apart from the message.
    if (i === 1 && codes.has(parts[0] ?? '') && !codes.has(part)) words.push('-');
    words.push(word);
  }
  const title = words.join(' ').replace(/\s+/g, ' ').trim();
  return title.charAt(0).toUpperCase() + title.slice(1);
}
