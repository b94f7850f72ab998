/** The domain of an email address, lower-cased; '' when it has none. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** Mailboxes anyone can open: their domain says nothing about the company behind an address. */
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru', 'qq.com']);

export const isFreeMailDomain = (domain: string): boolean => FREE_MAIL.has(domain.toLowerCase());

/** "https://www.Acme.example/about" or "acme.example" as HubSpot's company domain property may hold it → "acme.example". */
export function normaliseDomain(value: string): string {
  return value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[/?#].*$/, '').replace(/\.$/, '');
}
