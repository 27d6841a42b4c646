-- A product's API shape includes its variants, and an inventory level's its
-- item: a write to a variant or an item alone must move the parent in write
-- order too, or an incremental pull would never see it. The parent is
-- stamped once per transaction (the WHERE skips one already stamped by it).
-- Bodies' semicolons are written \073: the migration runner splits statements at every literal one.
CREATE FUNCTION storehouse_stamp_variant_product() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE products SET write_xid = pg_current_xact_id() WHERE id = NEW.product_id AND write_xid <> pg_current_xact_id()\073 RETURN NULL\073 END';

CREATE TRIGGER product_variants_move_product AFTER INSERT OR UPDATE ON "product_variants"
  FOR EACH ROW WHEN (NEW.product_id IS NOT NULL) EXECUTE FUNCTION storehouse_stamp_variant_product();

CREATE FUNCTION storehouse_stamp_item_levels() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE inventory_levels SET write_xid = pg_current_xact_id() WHERE shop_id = NEW.shop_id AND inventory_item_id = NEW.shopify_id AND write_xid <> pg_current_xact_id()\073 RETURN NULL\073 END';

CREATE TRIGGER inventory_items_move_levels AFTER INSERT OR UPDATE ON "inventory_items"
  FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_item_levels();
