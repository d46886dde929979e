export { readQrda3, type ReadResult, type Qrda3ReadOptions } from "./read";
export { mapMeasureId, type MeasureIdMapping } from "./measure-ids";
