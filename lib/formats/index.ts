/** Vendor formats: QRDA III and QPP JSON in, Submissions out. */
export { readQrda3, type ReadResult, type Qrda3ReadOptions, mapMeasureId, writeQrda3, type Qrda3WriteResult } from "./qrda3";
export { readQppJson, readQppJsonValue, parseJsonText } from "./qpp-json";
export { detectFormat, type VendorFormat } from "./detect";
export { readVendorFile, type VendorFileResult } from "./read-vendor-file";
export { type FormatWarning, describeWarning } from "./warnings";
export { MAX_XML_BYTES, MAX_XML_DEPTH } from "./xml/limits";
