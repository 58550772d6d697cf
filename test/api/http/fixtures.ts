// Small books and policies for the HTTP tests.
export const CONFIG_PATH = 'rules/proviso.config.json';

export function smallBook() {
  return {
    accounts: [
      { id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA', segment: 'enterprise' } },
      { id: 'A2', name: 'Globex Inc', currency: 'USD', timezone: 'America/New_York', billingDayOfMonth: null, attributes: { region: 'AMER', segment: 'smb' } },
    ],
    contracts: [{ id: 'C1', accountId: 'A1', startDate: '2026-01-15', endDate: '2027-01-14' }],
    orders: [
      { id: 'O1', accountId: 'A1', contractId: 'C1' as string | null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null as string | null, attributes: {} },
      { id: 'O2', accountId: 'A2', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-02-01', poNumber: 'PO-7', attributes: {} },
    ],
    orderProducts: [
      {
        id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring',
        billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00', startDate: '2026-01-15',
        endDate: '2027-01-14', billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
      },
      {
        id: 'OP2', orderId: 'O2', productCode: 'LIC-STD', productName: 'Standard licence', chargeType: 'recurring',
        billingFrequency: 'monthly', billingType: 'advance', quantity: '3', unitPrice: '20.00', startDate: '2026-02-01',
        endDate: null, billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
      },
    ],
    invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-15' }],
  };
}

export const HOLD_EMEA = `policy "Hold EMEA until PO" {
  when account.region is present and account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order"
}
`;

export const BILL_ON_FIRST = `policy "Bill on the 1st" {
  billing day of month 1
}
`;

/** An unknown fact: an error diagnostic. */
export const BROKEN = `policy "Broken" {
  when account.regoin = "EMEA"
  hold billing
}
`;
