import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalid } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects a malformed id in the path with a 400 naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!UUID.test(value)) throw invalid(meta.data ?? 'id', 'must be a UUID');
    return value.toLowerCase();
  }
}
