export type Severity = "info" | "warning" | "critical";
export type Notification = { kind: "alert" | "budget"; title: string; text: string; url: string; severity: Severity };
export type SendResult = { delivered: number; failed: { channel: string; error: string }[] };
