/**
 * The payment-gateway port (Iranian PSPs such as Zarinpal, IDPay, Sadad follow this shape): the shop
 * asks for a payment, sends the customer's browser to the gateway, the gateway sends it back to the
 * callback URL, and the shop VERIFIES the payment server to server. Only a verified payment is money
 * taken; one never verified is returned to the customer by the gateway, which is why an order that
 * expired meanwhile is simply not verified (payment-service.ts). Amounts are rial.
 */
export interface CreatePaymentInput {
  orderId: string;
  amount: number;
  /** Absolute URL the gateway sends the customer back to. */
  callbackUrl: string;
}

export interface CreatedPayment {
  /** The gateway's id for the payment (Zarinpal "authority"); comes back on the callback. */
  paymentId: string;
  /** Where to send the customer's browser. */
  redirectUrl: string;
}

export interface VerifyInput {
  paymentId: string;
  /** Everything the gateway put on the callback (query string). */
  params: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  /** Tracking code of a verified payment (goes to Mahak as Cheque.Number / Receipt.TrackingCode). */
  reference?: string;
  /** Rial the gateway says it took; must equal the order total. */
  amount: number;
}

export interface PaymentGateway {
  /** Stored with each payment; (name, paymentId) identifies it. */
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Idempotent: verifying an already verified payment answers the same again. */
  verify(input: VerifyInput): Promise<VerifyResult>;
}
