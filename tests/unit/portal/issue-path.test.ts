import { describe, expect, it } from "vitest";
import { describeIssuePath } from "../../../lib/issue-path";

describe("describeIssuePath", () => {
  it("names fields by their labels and counts list items from 1", () => {
    expect(describeIssuePath("values.0.numerator")).toBe("value 1: numerator");
    expect(describeIssuePath("allowedChargesCents")).toBe("Medicare allowed charges");
    expect(describeIssuePath("files.2.contentBase64")).toBe("file 3: file content");
    expect(describeIssuePath("")).toBe("input");
  });
});
