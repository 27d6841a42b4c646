// What an action refused, as a critical banner at the top of its page's layout; nothing when it did not.
import { Banner, Layout } from "@shopify/polaris";

export function ActionError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Layout.Section>
      <Banner tone="critical">
        <p>{message}</p>
      </Banner>
    </Layout.Section>
  );
}
