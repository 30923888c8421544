import { Injectable } from '@nestjs/common';
import { KnownTemplates } from '../ports/known-templates.port';
import { TemplateLibrary } from './template-library';

/** KnownTemplates for the rules: the saved and the built-in templates. */
@Injectable()
export class StoredKnownTemplates extends KnownTemplates {
  constructor(private readonly library: TemplateLibrary) {
    super();
  }

  missing(ids: readonly string[]): Promise<readonly string[]> {
    return this.library.missing(ids);
  }
}
