// The search, filter and sort bar of the data browsers (Polaris IndexFilters),
// kept in the URL: a filtered view can be bookmarked, shared, reloaded and
// exported as it is shown. Changing anything returns to the first page.
import { useNavigate, useSearchParams } from "@remix-run/react";
import {
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  type IndexFiltersProps,
  InlineStack,
  TextField,
  useSetIndexFiltersMode,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";

export type FilterDefinition =
  | { kind: "choice"; key: string; label: string; choices: { label: string; value: string }[]; multiple?: boolean }
  | { kind: "text"; key: string; label: string }
  | { kind: "dates"; label: string };

interface BrowseFiltersProps {
  queryPlaceholder: string;
  sortOptions: NonNullable<IndexFiltersProps["sortOptions"]>;
  defaultSort: string;
  filters: FilterDefinition[];
}

/** How long typing pauses before the list is searched: one request per word, not per key. */
const TYPING_PAUSE_MS = 300;

function useUrlFilters() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const apply = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      next.delete("after");
      next.delete("before");
      if (next.toString() !== params.toString()) navigate(`?${next.toString()}`, { preventScrollReset: true });
    },
    [params, navigate],
  );
  return { params, apply };
}

/** A text field that applies its value once typing pauses. */
function usePausedValue(urlValue: string, onPause: (value: string) => void) {
  const [value, setValue] = useState(urlValue);
  useEffect(() => setValue(urlValue), [urlValue]);
  useEffect(() => {
    if (value === urlValue) return;
    const timer = setTimeout(() => onPause(value), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value, urlValue, onPause]);
  return [value, setValue] as const;
}

function TextFilter({
  label,
  urlValue,
  onApply,
}: {
  label: string;
  urlValue: string;
  onApply: (value: string) => void;
}) {
  const [value, setValue] = usePausedValue(urlValue, onApply);
  return <TextField label={label} labelHidden autoComplete="off" value={value} onChange={setValue} />;
}

function DatesFilter({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  return (
    <InlineStack gap="200">
      <TextField label="From" type="date" autoComplete="off" value={from} onChange={(value) => onApply(value, to)} />
      <TextField label="To" type="date" autoComplete="off" value={to} onChange={(value) => onApply(from, value)} />
    </InlineStack>
  );
}

export function BrowseFilters({ queryPlaceholder, sortOptions, defaultSort, filters }: BrowseFiltersProps) {
  const { params, apply } = useUrlFilters();
  // A view opened with a search or filters shows them (a bookmarked or shared view says what it is).
  const filtered = [
    "q",
    "from",
    "to",
    ...filters.flatMap((filter) => (filter.kind === "dates" ? [] : [filter.key])),
  ].some((key) => params.get(key));
  const { mode, setMode } = useSetIndexFiltersMode(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  const applyQuery = useCallback((q: string) => apply({ q }), [apply]);
  const [query, setQuery] = usePausedValue(params.get("q") ?? "", applyQuery);
  const list = (key: string) => (params.get(key) ?? "").split(",").filter(Boolean);

  const indexFilters: IndexFiltersProps["filters"] = filters.map((filter) => {
    if (filter.kind === "choice") {
      return {
        key: filter.key,
        label: filter.label,
        shortcut: true,
        filter: (
          <ChoiceList
            title={filter.label}
            titleHidden
            allowMultiple={filter.multiple ?? true}
            choices={filter.choices}
            selected={list(filter.key)}
            onChange={(selected) => apply({ [filter.key]: selected.join(",") })}
          />
        ),
      };
    }
    if (filter.kind === "text") {
      return {
        key: filter.key,
        label: filter.label,
        filter: (
          <TextFilter
            label={filter.label}
            urlValue={params.get(filter.key) ?? ""}
            onApply={(value) => apply({ [filter.key]: value.trim() })}
          />
        ),
      };
    }
    return {
      key: "dates",
      label: filter.label,
      shortcut: true,
      filter: (
        <DatesFilter
          from={params.get("from") ?? ""}
          to={params.get("to") ?? ""}
          onApply={(from, to) => apply({ from, to })}
        />
      ),
    };
  });

  const appliedFilters: IndexFiltersProps["appliedFilters"] = filters.flatMap((filter) => {
    if (filter.kind === "dates") {
      const from = params.get("from");
      const to = params.get("to");
      if (!from && !to) return [];
      return [
        {
          key: "dates",
          label: `${filter.label}: ${from ?? "…"} – ${to ?? "…"}`,
          onRemove: () => apply({ from: undefined, to: undefined }),
        },
      ];
    }
    const value = params.get(filter.key);
    if (!value) return [];
    const shown =
      filter.kind === "choice"
        ? value
            .split(",")
            .map((item) => filter.choices.find((choice) => choice.value === item)?.label ?? item)
            .join(", ")
        : value;
    return [
      { key: filter.key, label: `${filter.label}: ${shown}`, onRemove: () => apply({ [filter.key]: undefined }) },
    ];
  });

  return (
    <IndexFilters
      tabs={[]}
      selected={0}
      canCreateNewView={false}
      mode={mode}
      setMode={setMode}
      queryValue={query}
      queryPlaceholder={queryPlaceholder}
      onQueryChange={setQuery}
      onQueryClear={() => {
        setQuery("");
        apply({ q: undefined });
      }}
      sortOptions={sortOptions}
      sortSelected={[params.get("sort") ?? defaultSort]}
      onSort={([sort]) => apply({ sort: sort === defaultSort ? undefined : sort })}
      filters={indexFilters}
      appliedFilters={appliedFilters}
      onClearAll={() =>
        apply(
          Object.fromEntries(
            ["q", "from", "to", ...filters.flatMap((filter) => (filter.kind === "dates" ? [] : [filter.key]))].map(
              (key) => [key, undefined],
            ),
          ),
        )
      }
    />
  );
}
