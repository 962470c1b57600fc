const pad = (n: number) => String(n).padStart(2, '0');

/** "3月2日 09:30" in the phone's time zone. */
export const when = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** "3月2日" */
export const day = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日`;
};
