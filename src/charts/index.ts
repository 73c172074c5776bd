export { burnChart, type BurnData } from './burn';
export { cfdChart, type FlowData } from './cfd';
export { toCsv } from './csv';
export {
  agingChart,
  flowTimeChart,
  type AgingData,
  type FlowTimesData,
  type Percentiles,
} from './flow';
export type { ChartKey, ChartSpec, ChartTable, ChartText } from './text';
export { velocityChart, type VelocityData } from './velocity';
