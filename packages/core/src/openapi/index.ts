export { parseDefinition, type ParseDefinitionOptions } from './parseDefinition.js';
export { exportDefinition, type ExportDefinitionOptions } from './exportDefinition.js';
