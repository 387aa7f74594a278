/**
 * Xero Accounting API payloads as the connector reads them (integration-contracts.md §4). Dates
 * are `/Date(ms+0000)/` strings (some ISO), money JSON numbers, report values decimal strings.
 */

export interface XeroPagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

export interface XeroContactRef {
  ContactID: string;
  Name?: string | null;
  /** The contact's account number in Xero's contact settings (our customer or supplier code). */
  AccountNumber?: string | null;
  ContactNumber?: string | null;
}

export type XeroInvoiceType = 'ACCREC' | 'ACCPAY';
export type XeroInvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface XeroInvoice {
  Type: XeroInvoiceType | string;
  InvoiceID: string;
  InvoiceNumber?: string | null;
  Reference?: string | null;
  Status: XeroInvoiceStatus | string;
  Contact: XeroContactRef;
  Date: string;
  DateString?: string | null;
  DueDate?: string | null;
  DueDateString?: string | null;
  LineAmountTypes?: string;
  CurrencyCode: string;
  CurrencyRate?: number | null;
  SubTotal?: number | null;
  TotalTax?: number | null;
  Total: number;
  AmountDue: number;
  AmountPaid?: number | null;
  AmountCredited?: number | null;
  FullyPaidOnDate?: string | null;
  UpdatedDateUTC: string;
  LineItems?: unknown[];
}

export interface XeroInvoicesResponse {
  Id?: string;
  Status?: string;
  DateTimeUTC?: string;
  pagination?: XeroPagination;
  Invoices: XeroInvoice[];
}

export interface XeroPayment {
  PaymentID: string;
  Date: string;
  Amount: number;
  BankAmount?: number | null;
  CurrencyRate?: number | null;
  /** `ACCRECPAYMENT`, `ACCPAYPAYMENT`, credit-note / prepayment / overpayment variants. */
  PaymentType?: string;
  /** `AUTHORISED` or `DELETED`. */
  Status?: string;
  IsReconciled?: boolean;
  Reference?: string | null;
  UpdatedDateUTC?: string | null;
  Account?: { AccountID: string; Code?: string | null } | null;
  Invoice?: {
    InvoiceID: string;
    InvoiceNumber?: string | null;
    Type?: string;
    CurrencyCode?: string;
    Contact?: XeroContactRef | null;
  } | null;
}

export interface XeroPaymentsResponse {
  pagination?: XeroPagination;
  Payments: XeroPayment[];
}

export interface XeroBankTransaction {
  BankTransactionID: string;
  Type: string;
  Status: string;
  BankAccount: { AccountID: string; Code?: string | null; Name?: string | null };
  Contact?: XeroContactRef | null;
  Date: string;
  Total: number;
  CurrencyCode: string;
  UpdatedDateUTC?: string | null;
}

export interface XeroReportCell {
  Value: string;
  Attributes?: { Id: string; Value: string }[];
}

export interface XeroReportRow {
  RowType: 'Header' | 'Section' | 'Row' | 'SummaryRow' | string;
  Title?: string;
  Cells?: XeroReportCell[];
  Rows?: XeroReportRow[];
}

export interface XeroReport {
  ReportID?: string;
  ReportName: string;
  ReportType: string;
  ReportTitles?: string[];
  ReportDate?: string;
  UpdatedDateUTC?: string;
  Rows: XeroReportRow[];
}

export interface XeroReportsResponse {
  Id?: string;
  Status?: string;
  DateTimeUTC?: string;
  Reports: XeroReport[];
}

export interface XeroOrganisation {
  OrganisationID?: string;
  Name: string;
  BaseCurrency: string;
  CountryCode?: string;
}

export interface XeroWebhookEvent {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  /** `CREATE` or `UPDATE`. */
  eventType: string;
  /** `INVOICE`, `CONTACT`, `CREDITNOTE`, `SUBSCRIPTION`. */
  eventCategory: string;
  tenantId: string;
  tenantType?: string;
}

export interface XeroWebhookPayload {
  events: XeroWebhookEvent[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
}

export interface XeroNormalised<T> {
  records: T[];
  rejections: { key: string; reason: string }[];
  skipped: { key: string; reason: string }[];
}
