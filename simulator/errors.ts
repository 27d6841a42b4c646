/** A request Shopify would refuse: the control API answers with `status` and the message. */
export class ChangeError extends Error {
  constructor(
    message: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

export class UnknownShopError extends ChangeError {
  constructor(readonly domain: string) {
    super(`No simulated shop ${domain}`, 404);
  }
}
