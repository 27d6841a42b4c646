// The Admin GraphQL shape (bulk operations, reconciliation) to the REST shape.
export { productFromGraphql } from "./products";
export { inventoryItemFromGraphql, inventoryLevelFromGraphql } from "./inventory";
export { locationFromGraphql } from "./locations";
export { customerFromGraphql } from "./customers";
export { orderFromGraphql, refundFromGraphql, type RefundDetails } from "./orders";
export { legacyId, type Node } from "./common";
