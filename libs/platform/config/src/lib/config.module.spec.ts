import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ConfigError } from './config.errors';
import { ConfigModule } from './config.module';
import { APP_CONFIG, InjectConfig } from './config.tokens';

const schema = Type.Object({ GREETING: Type.String({ default: 'hello' }), PORT: Type.Integer() });
type AppConfig = Static<typeof schema>;

@Injectable()
class Greeter {
  constructor(@InjectConfig() readonly config: AppConfig) {}
}

describe('ConfigModule', () => {
  it('provides the typed config under APP_CONFIG and through @InjectConfig()', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ schema, env: { PORT: '8080' } })],
      providers: [Greeter],
    }).compile();
    expect(moduleRef.get(APP_CONFIG)).toEqual({ GREETING: 'hello', PORT: 8080 });
    expect(moduleRef.get(Greeter).config.PORT).toBe(8080);
  });

  it('fails the boot with a ConfigError', async () => {
    const boot = Test.createTestingModule({ imports: [ConfigModule.forRoot({ schema, env: {} })] }).compile();
    await expect(boot).rejects.toBeInstanceOf(ConfigError);
  });
});
