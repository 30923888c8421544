import type { CategoryInput } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin creates (`categoryId` null) or replaces a category. */
export class SaveCategoryCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly categoryId: string | null,
    readonly input: CategoryInput,
  ) {}
}
