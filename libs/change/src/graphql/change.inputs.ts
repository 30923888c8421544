import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ChangeModel, ChangeState, CloseCode, RiskLevel, TemplateState } from '../domain';
import { ChangeSchema } from './change.schema-marker';
import { ChangeModelGql, ChangeStateGql, CloseCodeGql, RiskLevelGql, TemplateStateGql } from './change.types';

const registerIn = ChangeSchema;

@InputType('ChangePlansInput', { registerIn })
export class ChangePlansInput {
  @Field({ defaultValue: '' }) @InputText('document') implementation!: string;
  @Field({ defaultValue: '' }) @InputText('document') backout!: string;
  @Field({ defaultValue: '' }) @InputText('document') test!: string;
}

@InputType('ChangeWindowInput', { registerIn })
export class ChangeWindowInput {
  @Field() start!: Date;
  @Field({ description: 'After start' }) end!: Date;
}

@InputType('RequestChangeInput', { registerIn })
export class RequestChangeInput {
  @Field(() => ChangeModelGql, { description: 'normal or emergency (standard changes come from a template)' }) model!: ChangeModel;
  @Field() title!: string;
  @Field({ defaultValue: '' }) @InputText('document') description!: string;
  @Field({ nullable: true, description: 'Change managers, implementers and admins: the requester it is raised for' }) requesterId?: string;
  @Field(() => String, { nullable: true }) assignmentGroupId?: string | null;
  @Field(() => String, { nullable: true, description: 'A member of the assignment group' }) assigneeId?: string | null;
  @Field(() => [String], { defaultValue: [] }) configurationItemIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Service CIs affected' }) serviceIds!: string[];
  @Field(() => ChangePlansInput, { nullable: true }) plans?: ChangePlansInput | null;
  @Field(() => ChangeWindowInput, { nullable: true }) planned?: ChangeWindowInput | null;
}

@InputType('RequestStandardChangeInput', { registerIn })
export class RequestStandardChangeInput {
  @Field(() => ID) templateId!: string;
  @Field({ description: 'The planned end is this plus the template\'s duration' }) plannedStart!: Date;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) @InputText('document') description?: string | null;
  @Field(() => [String], { nullable: true, description: 'Absent: the template\'s' }) configurationItemIds?: string[] | null;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
}

@InputType('UpdateChangeInput', { registerIn, description: 'Absent fields stay as they are; null clears' })
export class UpdateChangeInput {
  @Field(() => ID) id!: string;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) @InputText('document') description?: string;
  @Field(() => String, { nullable: true }) assignmentGroupId?: string | null;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
  @Field(() => [String], { nullable: true }) configurationItemIds?: string[];
  @Field(() => [String], { nullable: true }) serviceIds?: string[];
  @Field(() => ChangePlansInput, { nullable: true }) plans?: ChangePlansInput;
  @Field(() => ChangeWindowInput, { nullable: true }) planned?: ChangeWindowInput | null;
}

@InputType('CloseChangeInput', { registerIn })
export class CloseChangeInput {
  @Field(() => ID) id!: string;
  @Field(() => CloseCodeGql) closeCode!: CloseCode;
  @Field(() => String, { nullable: true }) @InputText('text') notes?: string | null;
}

@InputType('ChangeReasonInput', { registerIn })
export class ChangeReasonInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @InputText('text') reason?: string | null;
}

@InputType('ChangeFilter', { registerIn })
export class ChangeFilter {
  @Field(() => [ChangeStateGql], { nullable: true }) states?: ChangeState[];
  @Field(() => [ChangeModelGql], { nullable: true }) models?: ChangeModel[];
  @Field(() => [RiskLevelGql], { nullable: true }) risks?: RiskLevel[];
  @Field({ nullable: true }) assignmentGroupId?: string;
  @Field({ nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) requesterId?: string;
  @Field({ nullable: true }) configurationItemId?: string;
  @Field({ nullable: true }) serviceId?: string;
  @Field({ nullable: true, description: 'Planned window overlapping [plannedFrom, plannedTo)' }) plannedFrom?: Date;
  @Field({ nullable: true }) plannedTo?: Date;
}

@InputType('ChangeTemplateInput', { registerIn })
export class ChangeTemplateInput {
  @Field() name!: string;
  @Field() title!: string;
  @Field({ defaultValue: '' }) @InputText('document') description!: string;
  @Field(() => ChangePlansInput) plans!: ChangePlansInput;
  @Field(() => [String], { defaultValue: [] }) configurationItemIds!: string[];
  @Field(() => [String], { defaultValue: [] }) serviceIds!: string[];
  @Field(() => String, { nullable: true }) assignmentGroupId?: string | null;
  @Field(() => Int) durationMinutes!: number;
}

@InputType('ChangeTemplateFilter', { registerIn })
export class ChangeTemplateFilter {
  @Field(() => TemplateStateGql, { nullable: true }) state?: TemplateState;
}

@InputType('ReviewChangeInput', { registerIn })
export class ReviewChangeInput {
  @Field(() => ID) id!: string;
  @Field(() => CloseCodeGql) outcome!: CloseCode;
  @Field({ defaultValue: '' }) @InputText('document') lessons!: string;
}
