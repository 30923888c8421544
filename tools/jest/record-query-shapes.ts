import { recordQueryShapesOfThisSpec } from '@itsm/testing';

// Integration tier, every spec file: the context connections it opens record their query shapes.
recordQueryShapesOfThisSpec();
