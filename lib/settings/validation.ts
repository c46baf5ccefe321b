// The engine's validator types bound to this library's cluster settings: what
// every domain validator implements. The engine itself knows no settings.
import * as engine from '../engine/engine';
import { ClusterSettings } from './settings';

/** What every check can see besides its object: the cluster settings and every object. */
export type ValidationContext = engine.ValidationContext<ClusterSettings>;
/** Validates one kind of object; listed in its domain's index. */
export type ManifestValidator = engine.ManifestValidator<ClusterSettings>;
/** A rule over the whole set of objects (duplicates, references between objects). */
export type CrossObjectValidator = engine.CrossObjectValidator<ClusterSettings>;
/** A domain's part of the registry. */
export type RegistryPart = engine.RegistryPart<ClusterSettings>;
/** The validators of every domain, handed to validation from the top. */
export type Registry = engine.ValidatorRegistry<ClusterSettings>;
