/**
 * Server-render checks of the shared table pieces (SimpleTable, row forms): the HTML the pages wrote by hand.
 * (react-router-dom's static data router — what Remix's server renders with — hosts Remix's Form.)
 */
import { Form } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { Button } from "~/components/ui/button";
import { CellErrors, RowActionForm, RowForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { renderPage } from "../../../tests/helpers/render";

const render = renderPage;

describe("shared table pieces render what the pages wrote by hand", () => {
  it("SimpleTable: scroll box, hidden caption, head with figure columns and the hidden actions head, body and foot", async () => {
    const shared = await render(
      <SimpleTable
        caption="Teams"
        testId="t"
        columns={["Team", { label: "Users", num: true }, { label: "Target", num: "num" }]}
        actionsLabel="Actions"
        footer={
          <tr>
            <td>f</td>
          </tr>
        }
      >
        <tr>
          <td>x</td>
        </tr>
      </SimpleTable>,
    );
    const byHand = await render(
      <div className="table-scroll">
        <table className="simple" data-testid="t">
          <caption className="visually-hidden">Teams</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="dl-num">
                Users
              </th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>x</td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td>f</td>
            </tr>
          </tfoot>
        </table>
      </div>,
    );
    expect(shared).toBe(byHand);
    const visible = await render(
      <SimpleTable caption="Plan" captionVisible columns={["Metric"]}>
        {null}
      </SimpleTable>,
    );
    expect(visible).toContain("<caption>Plan</caption>");
    expect(visible).not.toContain("visually-hidden");
    expect(visible).not.toContain("<tfoot");
  });

  it("row forms: hidden fields in order, the action button names its row, cell errors only when there are some", async () => {
    const shared = await render(
      <>
        <RowForm id="team-3" fields={{ intent: "update", teamId: 3 }} />
        <RowActionForm fields={{ intent: "archive", teamId: 3 }} size="sm" variant="ghost" label="Archive" rowName="Platform" />
        <CellErrors messages={["too long", "taken"]} />
        <CellErrors messages={undefined} />
      </>,
    );
    const byHand = await render(
      <>
        <Form method="post" id="team-3">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="teamId" value={3} />
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="teamId" value={3} />
          <Button size="sm" variant="ghost">
            Archive
            <span className="visually-hidden"> {"Platform"}</span>
          </Button>
        </Form>
        <p className="field-error">{["too long", "taken"].join(", ")}</p>
      </>,
    );
    expect(shared).toBe(byHand);
    expect(shared).toContain('<p class="field-error">too long, taken</p>');
    expect(shared.match(/field-error/g)).toHaveLength(1);
  });
});
