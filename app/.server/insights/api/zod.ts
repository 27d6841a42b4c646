// zod for the analyst API's schemas, extended for OpenAPI: zod 4 gives a
// schema its methods when it is made, so the extension must come before any
// API schema is (every module here imports z from this file).
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export { z };
