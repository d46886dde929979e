export { readQrda3, type ReadResult, type Qrda3ReadOptions } from "./read";
export { mapMeasureId, type MeasureIdMapping } from "./measure-ids";
export { writeQrda3, type Qrda3WriteResult } from "./write";
