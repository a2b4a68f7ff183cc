import { describe, expect, it } from "vitest";
import { pagedRows } from "~/components/ui/paged-rows";

describe("pagedRows", () => {
  it("hands DataTable the loader's rows, total and params, and names each row by its id", () => {
    const params = { sort: [], page: 2, size: 25 } as unknown as Parameters<typeof pagedRows>[0]["params"];
    const props = pagedRows({
      rows: [
        { id: 7, name: "a" },
        { id: 12, name: "b" },
      ],
      total: 40,
      params,
    });
    expect(props.data.map((r) => r.name)).toEqual(["a", "b"]);
    expect(props.total).toBe(40);
    expect(props.params).toBe(params);
    expect(props.data.map((r) => props.getRowId(r))).toEqual(["7", "12"]);
  });
});
