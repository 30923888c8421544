/** The MongoDB peer the integration tier started (jest.int.config.ts). */
export const specMongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};
