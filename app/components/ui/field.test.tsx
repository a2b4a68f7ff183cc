/**
 * Server-render checks of form fields and the tooltip.
 */
import { describe, expect, it } from "vitest";
import { Field, SelectField } from "~/components/ui/field";
import { Tooltip } from "~/components/ui/tooltip";
import { expectMarkup, renderPage } from "../../../tests/helpers/render";

const render = renderPage;

describe("form field and tooltip", () => {
  it("links errors and hints to the control", async () => {
    const html = await render(
      <>
        <Field label="Amount" name="amount" defaultValue="12,5" errors={["Expected euros"]} hint="In euros" id="amount" />
        <SelectField label="Team" name="team" options={[{ value: "core", label: "Core" }]} placeholder="Choose…" id="team" />
      </>,
    );
    expectMarkup(html, ['aria-describedby="amount-hint amount-error"', 'aria-invalid="true"', 'id="amount-error"', 'value="12,5"', "Choose…"]);
  });

  it("tooltip trigger is a focusable button described by the bubble", async () => {
    const html = await render(<Tooltip label="About runway" content="cash ÷ avg net burn" />);
    expect(html).toMatch(/<button type="button"[^>]*aria-label="About runway"/);
    expect(html).toContain('role="tooltip"');
  });
});

describe("form fields in French", () => {
  it("a date field shows the stored date in the page's locale, typed as text", async () => {
    const fr = await render(<Field label="Échéance" name="dueDate" type="date" defaultValue="2026-12-31" />, "/", "fr");
    expectMarkup(fr, ['value="31/12/2026"', 'placeholder="jj/mm/aaaa"', 'inputMode="numeric"', 'type="text"']);
    const en = await render(<Field label="Due" name="month" type="month" defaultValue="2026-12" />);
    expect(en).toContain('value="12/2026"');
    expect(en).toContain('placeholder="mm/yyyy"');
  });
});
