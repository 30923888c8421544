import { Inject } from '@nestjs/common';

/** Injection token of the typed, validated configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export const InjectConfig = (): PropertyDecorator & ParameterDecorator => Inject(APP_CONFIG);
