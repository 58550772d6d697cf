import 'reflect-metadata';
const m = await import('../dist/api/docs/openapi-document.js');
const doc = await m.currentOpenApiDocument();
process.stdout.write(m.openApiText(doc));
