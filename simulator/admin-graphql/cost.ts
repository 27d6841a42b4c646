// Calculated query cost as Shopify documents it: scalars and enums 0, objects
// 1, connections 2 + page size × the cost of one node, mutations 10. The
// requested cost is computed from the document before execution; the actual
// cost from what came back (a page of 3 costs less than first: 50 asked).
import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

const MUTATION_COST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "edges" in fields || "nodes" in fields;
}

export function operationOf(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/** Requested cost when `data` is undefined, actual cost when it is the execution result's data. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  data?: Record<string, unknown> | null,
): number {
  const operation = operationOf(document, operationName);
  if (!operation) return 0;
  const walk: Walk = {
    schema,
    fragments: new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    ),
    variables,
  };
  if (operation.operation === "mutation") {
    const fields = operation.selectionSet.selections.filter(
      (s) => s.kind === Kind.FIELD && s.name.value !== "__typename",
    );
    return fields.length * MUTATION_COST;
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionCost(walk, operation.selectionSet, root, data === undefined ? undefined : (data ?? null));
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  value: Record<string, unknown> | null | undefined,
): number {
  let fieldsCost = 0;
  let fragmentsCost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fieldsCost += fieldCost(walk, selection, parent, value);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : parent;
    if (!condition || !(isObjectType(condition) || isInterfaceType(condition) || isUnionType(condition))) continue;
    // A fragment on another concrete type than the value's costs nothing actually.
    if (value && isObjectType(condition) && value.__typename !== undefined && value.__typename !== condition.name)
      continue;
    // Fragments on alternative types: Shopify charges the most expensive one.
    fragmentsCost = Math.max(fragmentsCost, selectionCost(walk, fragment.selectionSet, condition, value));
  }
  return fieldsCost + fragmentsCost;
}

function fieldCost(
  walk: Walk,
  field: FieldNode,
  parent: GraphQLCompositeType,
  value: Record<string, unknown> | null | undefined,
): number {
  if (field.name.value === "__typename" || isUnionType(parent)) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition || !field.selectionSet) return 0;
  const type = getNamedType(definition.type);
  if (!(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) return 0;
  const key = field.alias?.value ?? field.name.value;
  const child =
    value === undefined ? undefined : ((value?.[key] as Record<string, unknown> | null | undefined) ?? null);

  if (isConnectionType(type)) {
    const connectionType = type as GraphQLObjectType;
    if (value !== undefined) {
      const nodes = connectionNodes(child);
      let total = 2;
      for (const node of nodes) total += nodeCost(walk, field.selectionSet, connectionType, node);
      return total;
    }
    const size = pageArgument(walk, field);
    return 2 + size * nodeCost(walk, field.selectionSet, connectionType, undefined);
  }
  if (value !== undefined && child === null) return 0;
  const first = Array.isArray(child) ? ((child[0] as Record<string, unknown> | undefined) ?? null) : child;
  if (value !== undefined && first === null) return 1;
  return 1 + selectionCost(walk, field.selectionSet, type, first);
}

/** Cost of one node of a connection: its object (1) plus its selections. */
function nodeCost(
  walk: Walk,
  connectionSelection: SelectionSetNode,
  connection: GraphQLObjectType,
  node: Record<string, unknown> | undefined,
): number {
  let cost = 0;
  for (const selection of connectionSelection.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    if (selection.name.value === "nodes") {
      const nodeType = getNamedType(connection.getFields().nodes!.type) as GraphQLCompositeType;
      cost = Math.max(cost, 1 + selectionCost(walk, selection.selectionSet, nodeType, node));
    } else if (selection.name.value === "edges") {
      const edgeType = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
      for (const edgeSelection of selection.selectionSet.selections) {
        if (edgeSelection.kind !== Kind.FIELD || edgeSelection.name.value !== "node" || !edgeSelection.selectionSet)
          continue;
        const nodeType = getNamedType(edgeType.getFields().node!.type) as GraphQLCompositeType;
        cost = Math.max(cost, 1 + selectionCost(walk, edgeSelection.selectionSet, nodeType, node));
      }
    }
  }
  return cost;
}

function connectionNodes(value: Record<string, unknown> | null | undefined): Record<string, unknown>[] {
  if (!value) return [];
  if (Array.isArray(value.nodes)) return value.nodes as Record<string, unknown>[];
  if (Array.isArray(value.edges)) {
    return (value.edges as { node?: Record<string, unknown> }[]).map((edge) => edge?.node ?? {});
  }
  return [];
}

function pageArgument(walk: Walk, field: FieldNode): number {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== "first" && argument.name.value !== "last") continue;
    const size = valueFromASTUntyped(argument.value, walk.variables);
    if (typeof size === "number") return size;
  }
  return 0;
}
